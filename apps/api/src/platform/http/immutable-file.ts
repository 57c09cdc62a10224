import type { FastifyReply } from 'fastify';

/**
 * A response cached `immutable` is a file that never changes under its name (a fingerprinted
 * dashboard bundle, stylesheet or font): fetched once per release and never revalidated. It
 * carries only the headers a file needs; the document's own (CSP, frame options, HSTS, request
 * id …) come with index.html, which every visit asks for (docs/API.md, "Headers").
 */
export function isImmutableFile(reply: FastifyReply): boolean {
  const cacheControl = reply.getHeader('cache-control');
  return typeof cacheControl === 'string' && cacheControl.includes('immutable');
}
