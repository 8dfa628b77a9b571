/**
 * Minimal structured logger (pino fits).
 * @example createEngine({ ..., logger: pino() })
 */
export interface EngineLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * A logger that drops everything (the engine's default).
 * @example createEngine({ ..., logger: silentLogger })
 */
export const silentLogger: EngineLogger = { info() {}, warn() {}, error() {} };
