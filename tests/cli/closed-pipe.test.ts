import { EventEmitter } from 'node:events';
import { guardClosedPipe } from '../../src/cli/main';

/** A stdout stand-in that records writes and can fail like a closed pipe. */
function fakeStdout() {
  const stream = Object.assign(new EventEmitter(), { written: [] as string[], write: (t: string) => stream.written.push(t) > 0 });
  return stream;
}

describe('a closed stdout pipe (tomguard scan | head)', () => {
  it('ends quietly: EPIPE is swallowed and later output is dropped', () => {
    const out = fakeStdout();
    const write = guardClosedPipe(out as unknown as Parameters<typeof guardClosedPipe>[0]);
    write('first\n');
    expect(() => out.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).not.toThrow();
    write('second\n');
    expect(out.written).toEqual(['first\n']);
  });

  it('other write errors are not hidden', () => {
    const out = fakeStdout();
    guardClosedPipe(out as unknown as Parameters<typeof guardClosedPipe>[0]);
    expect(() => out.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toThrow('disk full');
  });
});
