/**
 * A child process that saves in one workspace when told to (saveTurns.ts, childSaveTurns): the
 * parent has two of them, for 100 and 10,000 articles, take turns. Messages: { kind: 'open' },
 * { kind: 'turn', i, floorFirst } (answered with a SaveTurn), { kind: 'close' } (answered, then it exits).
 */
import { openSaveTurns, type SaveTurns } from './saveTurns';

const dir = process.argv[2];
if (!dir || !process.send) {
  console.error('usage: forked by the benchmark with the workspace as its argument');
  process.exit(2);
}
const send = (message: object) => process.send?.(message);
let turns: SaveTurns | null = null;
process.on('message', (message: { kind: 'open' | 'turn' | 'close'; i?: number; floorFirst?: boolean }) => {
  const work = async (): Promise<object> => {
    if (message.kind === 'open') {
      turns = await openSaveTurns(dir);
      return { ok: true };
    }
    if (!turns) throw new Error('not open');
    if (message.kind === 'turn') return turns.turn(message.i ?? 0, message.floorFirst === true);
    await turns.close();
    return { ok: true };
  };
  work().then(
    (answer) => {
      send(answer);
      if (message.kind === 'close') process.disconnect();
    },
    (error: unknown) => send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
