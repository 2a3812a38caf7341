// The last good analysis follows the edits typed since: findings below an edit move with it,
// those on the text being typed are dropped.
import { strict as assert } from 'node:assert';
import { followPosition, followRange, type TextChange } from '../../src/engine/assist/followEdits';

const at = (line: number, character: number) => ({ line, character });
const insert = (line: number, character: number, text: string): TextChange => ({ start: at(line, character), end: at(line, character), text });

describe('following edits', () => {
  it('a new line typed above moves a range down; text typed on its line before it moves it right', () => {
    const range = { start: at(10, 4), end: at(10, 12) };
    assert.deepEqual(followRange(range, [insert(5, 0, '    cat\n')]), { start: at(11, 4), end: at(11, 12) });
    assert.deepEqual(followRange(range, [insert(10, 0, '  ')]), { start: at(10, 6), end: at(10, 14) });
    // Typed after it on its line, or below it: it stays.
    assert.deepEqual(followRange(range, [insert(10, 20, 'x'), insert(12, 0, 'y\n')]), range);
  });

  it('an edit inside a range, or replacing part of it, drops it', () => {
    const range = { start: at(3, 2), end: at(3, 9) };
    assert.equal(followRange(range, [insert(3, 5, 'x')]), undefined);
    assert.equal(followRange(range, [{ start: at(2, 0), end: at(3, 4), text: '' }]), undefined);
  });

  it('lines deleted above move it up; several edits apply in order', () => {
    const range = { start: at(20, 0), end: at(20, 5) };
    const changes: TextChange[] = [{ start: at(2, 0), end: at(5, 0), text: '' }, insert(0, 0, 'a\nb\n')];
    assert.deepEqual(followRange(range, changes), { start: at(19, 0), end: at(19, 5) });
  });

  it('a position: text inserted exactly there goes after it unless it sticks after', () => {
    assert.deepEqual(followPosition(at(4, 3), [insert(4, 3, 'abc')]), at(4, 3));
    assert.deepEqual(followPosition(at(4, 3), [insert(4, 3, 'abc')], true), at(4, 6));
    assert.deepEqual(followPosition(at(4, 3), [insert(4, 3, 'a\nbc')], true), at(5, 2));
  });
});
