// Parses a Dockerfile (dockerfile-ast) into the instructions a check may look at.
import { readFile } from 'node:fs/promises';
import type { DockerfileInstruction, ParsedDockerfile } from './types.js';

export async function parseDockerfile(path: string): Promise<ParsedDockerfile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const { DockerfileParser } = await import('dockerfile-ast');
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
