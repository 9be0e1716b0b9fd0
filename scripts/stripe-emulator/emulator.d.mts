// Types for the TypeScript tests that start the emulator in-process.

export interface EmulatorOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Base URL browsers use for the hosted payment page; defaults to the emulator's own URL. */
  publicUrl?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  /** Delay before an async ("pay later") payment succeeds on its own; null waits for a control. Default 2000. */
  asyncDelayMs?: number | null;
  /** Waits before each retry of a failed webhook delivery. Default [500, 1000, 2000]. */
  retryDelaysMs?: number[];
  webhookTimeoutMs?: number;
  /** The `api_version` put on events; defaults to the Stripe-Version the SDK sends. */
  apiVersion?: string;
  log?: (line: string) => void;
}

export interface DeliveryAttempt {
  number: number;
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
  responseBody?: string;
}

export interface Delivery {
  id: string;
  status: "held" | "pending" | "retrying" | "succeeded" | "failed" | "skipped";
  attempts: DeliveryAttempt[];
}

export interface EmulatorEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  type: string;
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  data: { object: Record<string, unknown> & { id: string; object: string } };
}

export interface EventRecord {
  id: string;
  type: string;
  created: number;
  object_id: string;
  delivered: boolean;
  deliveries: Delivery[];
  event: EmulatorEvent;
}

export interface DeliveryOptions {
  /** Send each next event this many times (1–10). */
  duplicate?: number;
  /** Wait before each delivery. */
  delayMs?: number;
  /** Hold deliveries until released. */
  hold?: boolean;
  /** Hold, then send newest first on release. */
  reverse?: boolean;
}

export interface RunningEmulator {
  url: string;
  host: string;
  port: number;
  publicUrl: string;
  store: Record<string, unknown>;
  events(): EventRecord[];
  idle(): Promise<void>;
  configureDeliveries(
    options: DeliveryOptions,
  ): Required<Omit<DeliveryOptions, "reverse">> & { releaseOrder: "fifo" | "reverse" };
  setWebhook(options: { url?: string; secret?: string }): void;
  stop(): Promise<void>;
}

export function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator>;
