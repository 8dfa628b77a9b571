import { expect, inject, test } from 'vitest';
import { openDemo, uniqueName } from './support/openDemo.js';
import { sharedBrowser } from './support/sharedBrowser.js';

const browser = sharedBrowser();

test('classroom: the first to enter teaches, three students raise hands in their own order, the teacher invites one to speak', async () => {
  const demo = openDemo(browser(), inject('demoUrl'));
  const teacherID = uniqueName('teacher');
  const teacher = await demo.signIn(teacherID);
  await teacher.getByRole('tab', { name: 'Classroom' }).click();
  await teacher.getByText('You are the teacher').waitFor();

  const studentIDs = [uniqueName('s1'), uniqueName('s2'), uniqueName('s3')];
  const students = [];
  for (const id of studentIDs) {
    const page = await demo.signIn(id);
    await page.getByRole('tab', { name: 'Classroom' }).click();
    await page.getByText(`You are a student. Teacher: ${teacherID}.`).waitFor();
    students.push(page);
  }
  const [s1, s2, s3] = students as [(typeof students)[0], (typeof students)[0], (typeof students)[0]];

  await teacher.getByRole('button', { name: 'Ask to raise hands' }).click();
  const raised = teacher.getByRole('list', { name: 'Raised hands' }).getByRole('listitem');
  for (const [i, student] of [s2, s3, s1].entries()) {
    await student.getByRole('button', { name: 'Raise hand' }).click();
    await expect.poll(() => raised.count()).toBe(i + 1);
  }
  const order = await raised.allTextContents();
  expect(order.map((text) => studentIDs.find((id) => text.includes(id)))).toEqual([studentIDs[1], studentIDs[2], studentIDs[0]]);

  await raised.filter({ hasText: studentIDs[2] }).getByRole('button', { name: `Invite to speak: ${studentIDs[2]}`, exact: true }).click();
  const invitation = s3.getByRole('group', { name: 'You are invited to speak' });
  await invitation.getByRole('button', { name: 'Accept' }).click();
  await s3.getByText('You are speaking.').waitFor();
  expect(await s1.getByRole('group', { name: 'You are invited to speak' }).count()).toBe(0);
});
