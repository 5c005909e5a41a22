import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors';

/**
 * Limits public writes (upvotes, revision suggestions) per client: at most
 * `perMinute` in any fixed 60-second window, counted together.
 *
 * The counters live in this process's memory, which is right for one replica.
 * Several replicas each count on their own (a client could get N × the limit):
 * give them a shared store instead, e.g. rate-limiter-flexible's
 * RateLimiterRedis with the same points and duration.
 */
export class PublicWriteLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(readonly perMinute: number) {
    this.limiter = new RateLimiterMemory({ keyPrefix: 'public-write', points: perMinute, duration: 60 });
  }

  /** Counts one write for the client; throws RATE_LIMITED when it is over the limit. */
  async consume(clientId: string): Promise<void> {
    try {
      await this.limiter.consume(clientId, 1);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError('RATE_LIMITED', `Too many changes from this client: at most ${this.perMinute} a minute. Try again in ${retryAfterSeconds} s.`, {
        retryAfterSeconds,
      });
    }
  }
}
