import { useDemoLabels } from './labels.js';

/**
 * A group of checkboxes to pick people from.
 * @example <MemberChoice label="Members to call" candidates={['bob']} picked={picked} onChange={setPicked} />
 */
export function MemberChoice({
  label,
  candidates,
  picked,
  onChange,
}: {
  label: string;
  candidates: readonly string[];
  picked: readonly string[];
  onChange: (next: readonly string[]) => void;
}) {
  const t = useDemoLabels();
  return (
    <fieldset className="demo-choice">
      <legend>{label}</legend>
      {candidates.length === 0 && <p className="demo-hint">{t.noCandidates}</p>}
      {candidates.map((userID) => (
        <label key={userID}>
          <input
            type="checkbox"
            checked={picked.includes(userID)}
            onChange={(e) => onChange(e.target.checked ? [...picked, userID] : picked.filter((u) => u !== userID))}
          />{' '}
          {userID}
        </label>
      ))}
    </fieldset>
  );
}
