import pino from "pino";
import type { Config } from "../config";

export type Logger = pino.Logger;

export function createLogger(config: Pick<Config, "log">): Logger {
  return pino({
    level: config.log.level,
    base: undefined,
    redact: {
      paths: [
        "*.authorization",
        "*.cookie",
        "*.password",
        "*.token",
        "*.accessToken",
        "*.refreshToken",
        "*.secret",
        "req.headers.authorization",
        "req.headers.cookie",
      ],
      censor: "[redacted]",
    },
  });
}
