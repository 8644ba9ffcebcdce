// Parses a Dockerfile (dockerfile-ast) into the instructions a check may look at.
import { readTextIfExists } from './files.js';
import type { DockerfileInstruction, ParsedDockerfile } from './api.js';

export async function parseDockerfile(path: string): Promise<ParsedDockerfile | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  // dockerfile-ast is CommonJS: depending on the loader its exports arrive named or under default.
  const mod = (await import('dockerfile-ast')) as typeof import('dockerfile-ast') & {
    default?: typeof import('dockerfile-ast');
  };
  const DockerfileParser = mod.DockerfileParser ?? mod.default!.DockerfileParser;
  const instructions: DockerfileInstruction[] = DockerfileParser.parse(text)
    .getInstructions()
    .map((i) => ({
      keyword: i.getKeyword().toUpperCase(),
      args: i.getArguments().map((a) => a.getValue()),
      line: i.getRange().start.line + 1,
    }));
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  return {
    path,
    instructions,
    finalStage: lastFrom < 0 ? instructions : instructions.slice(lastFrom),
    stages: instructions.filter((i) => i.keyword === 'FROM').length,
  };
}
