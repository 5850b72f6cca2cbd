import type { UserRole } from "../db/schema";

export interface Principal {
  userId: string;
  role: UserRole;
}

export type ErrorEnvelope = "standard" | "plain";

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal | undefined;
    /** Which of the contract's error shapes this route answers with (contract §1.7). */
    errorEnvelope: ErrorEnvelope;
  };
}
