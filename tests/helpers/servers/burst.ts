import { createHash } from "node:crypto";
import { request } from "./raw-http";

export interface BurstAnswer {
  /** Which phase the request was sent in: answers are judged by when their request left. */
  phase: string;
  status: number;
  sha256: string;
}

export interface Burst {
  answers: BurstAnswer[];
  /** Requests sent and not yet answered, right now. */
  inFlight: () => number;
  /** Resolves once `count` answers to requests sent in `phase` have arrived. */
  answered: (phase: string, count: number) => Promise<void>;
  /** Requests sent from now on carry this phase and ask for this path. */
  switchTo: (phase: string, path: string) => void;
  /** Stops sending and waits for every request in flight. */
  stop: () => Promise<BurstAnswer[]>;
}

/** `workers` clients each sending GET requests back to back, each on a connection of its own. */
export function startBurst(baseUrl: string, workers: number, phase: string, path: string): Burst {
  const answers: BurstAnswer[] = [];
  let current = { phase, path };
  let running = true;
  let inFlight = 0;
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((wake) => wake());

  const worker = async () => {
    while (running) {
      const sent = current;
      inFlight++;
      let answer: BurstAnswer;
      try {
        const response = await request(baseUrl, "GET", sent.path);
        answer = {
          phase: sent.phase,
          status: response.status,
          sha256: createHash("sha256").update(response.body).digest("hex"),
        };
      } catch {
        // No HTTP answer at all (the connection to the web server failed): recorded as status 0.
        answer = { phase: sent.phase, status: 0, sha256: "" };
      }
      inFlight--;
      answers.push(answer);
      notify();
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker));

  return {
    answers,
    inFlight: () => inFlight,
    answered: async (wanted, count) => {
      while (answers.filter((answer) => answer.phase === wanted).length < count) {
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    switchTo: (next, nextPath) => {
      current = { phase: next, path: nextPath };
    },
    stop: async () => {
      running = false;
      await done;
      return answers;
    },
  };
}
