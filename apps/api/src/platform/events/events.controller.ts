import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { API_VERSION, HEADERS } from '@caseyos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EventBus } from './event-bus.service';

/** A comment line every so often keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

@ApiTags('events')
@Controller('api/events')
export class EventsController {
  constructor(private readonly bus: EventBus) {}

  @Get()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Server-Sent Events: queue.item.created, queue.item.updated, … with JSON data.' })
  stream(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    // A stream lives until the client leaves; shutdown must not wait for it.
    request.server.inFlightRequests.release(request);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      [HEADERS.requestId]: String(request.id),
      [HEADERS.apiVersion]: API_VERSION,
    });
    // A HEAD gets the stream's head and no stream: Node sends headers with the first body byte,
    // which a HEAD never has, so the request would otherwise hang with a subscription held.
    if (request.method === 'HEAD') return void raw.end();
    raw.write('retry: 3000\n: connected\n\n');
    const subscription = this.bus.events.subscribe({
      next: (event) => raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`),
      complete: () => raw.end(),
    });
    const keepalive = setInterval(() => raw.write(': ping\n\n'), KEEPALIVE_MS);
    raw.on('close', () => {
      clearInterval(keepalive);
      subscription.unsubscribe();
    });
  }
}
