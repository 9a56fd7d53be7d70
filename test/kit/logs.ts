/**
 * What the app logged per GraphQL request (one structured line each): the number of database
 * statements an operation sent, for tests that bound round trips per request.
 */
import type { Caller, TestApp } from './app';

interface RequestLine {
  msg?: string;
  operationName?: string;
  dbStatements?: number;
}

const parse = (line: string): RequestLine => {
  try {
    return JSON.parse(line) as RequestLine;
  } catch {
    return {};
  }
};
const requestLines = (lines: string[], operationName: string): RequestLine[] =>
  lines.map(parse).filter((l) => l.msg === 'graphql request' && l.operationName === operationName);

/** The number of database statements the app logged for the operation named `operationName` (sent exactly once). */
export function statementsOf(t: TestApp, operationName: string): number {
  const lines = requestLines(t.logs, operationName);
  if (lines.length !== 1) throw new Error(`expected one log line for ${operationName}, found ${lines.length}`);
  return lines[0]!.dbStatements!;
}

/** Run `query` (whose operation is named `operationName`) and count the statements it sent, from the request log. */
export async function counted<T>(
  t: TestApp,
  query: string,
  operationName: string,
  variables: Record<string, unknown>,
  caller?: Caller,
): Promise<{ data: T; statements: number }> {
  const before = t.logs.length;
  const data = await t.ok<T>(query, variables, caller);
  const line = requestLines(t.logs.slice(before), operationName).pop();
  if (line?.dbStatements === undefined) throw new Error(`no request log line for ${operationName}`);
  return { data, statements: line.dbStatements };
}
