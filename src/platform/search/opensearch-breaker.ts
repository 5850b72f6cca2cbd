export type BreakerState = "closed" | "open" | "half-open";

export interface BreakerOptions {
  /** Consecutive errors that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial request is let through. */
  cooldownMs: number;
  now?: () => number;
}

/**
 * Stops sending requests to a failing dependency. Opens after `failureThreshold` consecutive errors, or at once on a
 * timeout (a slow node would otherwise add its full timeout to every request). After the cool-down a single trial
 * request runs (half-open): success closes the circuit, failure opens it for another cool-down.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private current: BreakerState = "closed";
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.current === "open" && this.now() - this.openedAt >= this.options.cooldownMs) {
      this.current = "half-open";
      this.trialInFlight = false;
    }
    return this.current;
  }

  /** Whether a request may go to the dependency now. In half-open state only the first caller gets through. */
  allow(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "open" || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
    this.current = "closed";
  }

  failure(kind: "timeout" | "error"): void {
    this.failures++;
    this.trialInFlight = false;
    if (kind === "timeout" || this.current === "half-open" || this.failures >= this.options.failureThreshold) {
      this.current = "open";
      this.openedAt = this.now();
    }
  }
}
