import type { Principal } from "../core/principal";

export type { Principal };

export type ErrorEnvelope = "standard" | "plain";

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal | undefined;
    /** Which of the contract's error shapes this route answers with (contract §1.7). */
    errorEnvelope: ErrorEnvelope;
  };
}
