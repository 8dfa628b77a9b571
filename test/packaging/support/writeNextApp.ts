import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The versions of the Next.js app (TOOLCHAIN.md): Next 16 on React 19. */
export const NEXT_APP_VERSIONS = {
  next: '16.4.6',
  react: '19.3.1',
  'react-dom': '19.3.1',
  typescript: '5.9.3',
  '@types/node': '22.20.7',
  '@types/react': '19.3.0',
  '@types/react-dom': '19.3.0',
} as const;

/**
 * Writes a Next.js 16 App Router TypeScript app like `npx create-next-app@16 --ts --app` (its
 * tsconfig, next.config.ts with Cache Components and root layout, without next/font/google, which downloads fonts) that
 * depends on the ringkit tarball, imports `ringkit/styles.css` in the layout, and has `pages`
 * (path under app/ → source), e.g. the README's `app/page.tsx`.
 * @example writeNextApp(dir, { tarball, reactQuery: '5.108.0', pages: { 'page.tsx': readmePage } })
 */
export function writeNextApp(dir: string, options: { tarball: string; reactQuery: string; pages: Record<string, string>; publicFiles?: Record<string, Uint8Array> }): void {
  const v = NEXT_APP_VERSIONS;
  const files: Record<string, string | Uint8Array> = {
    'package.json': JSON.stringify(
      {
        name: 'my-next-app',
        private: true,
        scripts: { dev: 'next dev', build: 'next build', start: 'next start' },
        dependencies: { next: v.next, react: v.react, 'react-dom': v['react-dom'], ringkit: `file:${options.tarball}`, '@tanstack/react-query': options.reactQuery },
        devDependencies: { typescript: v.typescript, '@types/node': v['@types/node'], '@types/react': v['@types/react'], '@types/react-dom': v['@types/react-dom'] },
      },
      null,
      2,
    ),
    'tsconfig.json': JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2017',
          lib: ['dom', 'dom.iterable', 'esnext'],
          allowJs: true,
          skipLibCheck: true,
          strict: true,
          noEmit: true,
          esModuleInterop: true,
          module: 'esnext',
          moduleResolution: 'bundler',
          resolveJsonModule: true,
          isolatedModules: true,
          jsx: 'react-jsx',
          incremental: true,
          plugins: [{ name: 'next' }],
          paths: { '@/*': ['./*'] },
        },
        include: ['next-env.d.ts', '**/*.ts', '**/*.tsx', '.next/types/**/*.ts', '.next/dev/types/**/*.ts'],
        exclude: ['node_modules'],
      },
      null,
      2,
    ),
    // As create-next-app@16 writes it (Cache Components on).
    'next.config.ts': `import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  cacheComponents: true,
  partialPrefetching: true,
};

export default nextConfig;
`,
    'app/layout.tsx': `import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import 'ringkit/styles.css';

export const metadata: Metadata = { title: 'my-next-app' };

export default function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
    'app/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>\n',
    ...Object.fromEntries(Object.entries(options.pages).map(([path, source]) => [join('app', path), source])),
    ...Object.fromEntries(Object.entries(options.publicFiles ?? {}).map(([path, bytes]) => [join('public', path), bytes])),
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
}
