// The floor for the TUI's first frame in `npm run bench`: the least an Ink app can do (import ink and react,
// render one <Text>). scripts/bench/fixtures.mjs bundles it the way scripts/build.mjs bundles the CLI.
import { render, Text } from 'ink';

render(<Text bold>Lessons</Text>, { exitOnCtrlC: false });
// Stay up like the real TUI until the benchmark stops it.
setInterval(() => undefined, 60_000);
