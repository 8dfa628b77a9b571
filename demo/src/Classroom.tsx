import { RaiseHandPanel } from '../../src/react/index.js';
import { CLASSROOM_GROUP } from './groups.js';
import { useDemoLabels } from './labels.js';
import { useGroupMembership } from './useGroupMembership.js';

/**
 * The classroom: the first member of the class group is the teacher, who asks the class to raise
 * hands, sees the raised hands in order and invites a student to speak; students raise a hand and
 * answer the invitation to speak. The kit's `RaiseHandPanel` does all of it.
 * @example <Classroom self="alice" />
 */
export function Classroom({ self }: { self: string }) {
  const t = useDemoLabels();
  const { members } = useGroupMembership(CLASSROOM_GROUP, { refreshMs: 4000 });
  if (!members) return <p>{t.joining}</p>;
  const teacher = members[0] ?? self;
  const isTeacher = teacher === self;
  return (
    <section aria-labelledby="demo-classroom">
      <h2 id="demo-classroom">{t.classroom}</h2>
      <p>{isTeacher ? t.teacherIntro : t.studentIntro(teacher)}</p>
      {isTeacher && <p className="demo-hint">{t.students(members.length - 1)}</p>}
      <RaiseHandPanel groupID={CLASSROOM_GROUP} view={isTeacher ? 'teacher' : 'student'} />
    </section>
  );
}
