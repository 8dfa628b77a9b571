import type { Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import type { SignalingClient } from '../src/index.js';
import { defaultLabels, encodeCallData, RingingDialog, RingkitLabelsProvider } from '../src/react/index.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';

/** Level 1: CSS variables on any wrapper. */
const variables = {
  '--rk-color-accept': '#0f766e',
  '--rk-color-accept-text': '#ffffff',
  '--rk-color-reject': '#9f1239',
  '--rk-color-reject-text': '#ffffff',
  '--rk-color-focus': '#0f766e',
  '--rk-radius': '2px',
  '--rk-radius-small': '2px',
  '--rk-font-family': 'Georgia, serif',
} as CSSProperties;

/** Level 2: a className and the data-rk-state attribute, styled by the app. */
const brandCSS = `
.acme-call {
  --rk-color-bg: #faf7ff;
  --rk-color-text: #1f1235;
  --rk-color-text-muted: #5b4b7a;
  --rk-color-accept: #6d28d9;
  --rk-color-accept-text: #ffffff;
  --rk-color-reject: #9f1239;
  --rk-color-focus: #6d28d9;
  --rk-radius: 20px;
}
.acme-call .rk-ringing-dialog__dialog { border: 2px solid #6d28d9; background: linear-gradient(160deg, #f5f3ff, #ffffff 60%); }
.acme-call .rk-ringing__title { color: #4c1d95; }
.acme-call .rk-button { border-radius: 999px; }
.acme-call .rk-button[data-rk-variant='reject'] { background: #ffffff; color: #9f1239; border: 2px solid #9f1239; }
.acme-call[data-rk-state='ringing'] .rk-avatar { box-shadow: 0 0 0 4px #ddd6fe; }
`;

const contacts: Record<string, { name: string }> = { alice: { name: 'Alice Liddell' } };

const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];

/** The same incoming call themed five ways: default, CSS variables, dark, Chinese labels, a custom brand. */
function ThemedDialogs({ clients }: { clients: SignalingClient[] }) {
  const [, bob, carol, dave, erin, frank] = clients as [SignalingClient, SignalingClient, SignalingClient, SignalingClient, SignalingClient, SignalingClient];
  return (
    <>
      <style>{brandCSS}</style>
      <UserPane client={bob} label="Default" width={300}>
        <RingingDialog />
      </UserPane>
      <UserPane client={carol} label="CSS variables" width={300}>
        <div style={variables}>
          <RingingDialog />
        </div>
      </UserPane>
      <UserPane client={dave} label="Dark" width={300}>
        <div data-rk-theme="dark">
          <RingingDialog />
        </div>
      </UserPane>
      <UserPane client={erin} label="Chinese labels" width={300}>
        <RingkitLabelsProvider locale="zh">
          <RingingDialog />
        </RingkitLabelsProvider>
      </UserPane>
      <UserPane client={frank} label="Custom brand" width={300}>
        <RingingDialog
          className="acme-call"
          getUser={(id) => contacts[id]}
          labels={{ title: (caller) => `${caller} wants to talk`, accept: 'Pick up', reject: 'Not now' }}
        />
      </UserPane>
    </>
  );
}

const meta: Meta<typeof ThemedDialogs> = {
  title: 'Guides/Theming',
  component: ThemedDialogs,
  loaders: [ringkitUsers(users)],
  render: (_, { loaded }) => <ThemedDialogs clients={clientsOf(loaded)} />,
};
export default meta;

/** alice calls five users whose screens are themed differently. */
export const Theming: StoryObj<typeof ThemedDialogs> = {
  play: async ({ canvas, loaded, globals }) => {
    const [alice] = clientsOf(loaded) as [SignalingClient];
    for (const callee of users.slice(1)) await alice.invite(callee, { mode: 'advanced', data: encodeCallData({ roomID: `room-${callee}` }) });
    const pane = (name: string) => within(canvas.getByRole('region', { name }));
    const en = defaultLabels((globals.locale as 'en' | 'zh' | undefined) ?? 'en').incomingCall;
    const zh = defaultLabels('zh').incomingCall;

    const accept = await pane('CSS variables').findByRole('button', { name: en.accept });
    await expect(getComputedStyle(accept).backgroundColor).toBe('rgb(15, 118, 110)');
    const darkDialog = await pane('Dark').findByRole('alertdialog', { name: en.title('alice') });
    await expect(getComputedStyle(darkDialog).backgroundColor).toBe('rgb(27, 30, 36)');
    await expect(await pane('Chinese labels').findByRole('button', { name: zh.accept })).toBeVisible();
    const brand = await pane('Custom brand').findByRole('alertdialog', { name: 'Alice Liddell wants to talk' });
    await expect(within(brand).getByRole('button', { name: 'Pick up' })).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('region', { name: 'Custom brand' }).querySelector('.acme-call')).toHaveAttribute('data-rk-state', 'ringing'));
  },
};
