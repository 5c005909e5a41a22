import type { FastifyReply, FastifyRequest } from 'fastify';
import { graphqlErrorBody } from './error-body';

/**
 * The deepest nesting of arrays and objects a request body may have. The
 * deepest input the schema takes is four levels down the body
 * (`variables.input.sources[i]`); a body nested thousands deep is never a
 * query, and recursive code that meets it (JSON.stringify in the response
 * cache's key, a logger) overflows the stack.
 */
export const MAX_JSON_DEPTH = 32;

/** True when `value` nests arrays and objects more than `limit` deep; walks without recursion, so any depth is safe. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}

/** A preHandler: refuses a parsed JSON body nested more than MAX_JSON_DEPTH deep with 400 BAD_REQUEST, before anything reads it. */
export async function refuseDeepJson(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!nestedDeeperThan(request.body, MAX_JSON_DEPTH)) return undefined;
  // Returning the reply ends the request here (Fastify's async hooks).
  return reply
    .code(400)
    .type('application/json')
    .send(graphqlErrorBody(`The request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels).`, 'BAD_REQUEST'));
}
