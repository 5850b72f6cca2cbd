import pino from "pino";
import type { Config } from "../config";

export type Logger = pino.Logger;

/** `destination` defaults to stdout; tests pass a stream to read what would have been written. */
export function createLogger(config: Pick<Config, "log">, destination?: pino.DestinationStream): Logger {
  return pino(
    {
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
          "*.headers.authorization",
          "*.headers.cookie",
          "*.apiKey",
          "*.clientSecret",
          "*.jwtSecret",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
