import type { Client } from 'pg';

/**
 * One connection that LISTENs on the store's channel and tells subscribers when another
 * store instance committed work that may be due. Reconnects after a lost connection; the
 * engine's slow poll covers the gap.
 */
export class ChangeListener {
  private readonly listeners = new Set<() => void>();
  private client: Client | null = null;
  private closed = false;
  private connecting: Promise<void> | null = null;

  constructor(
    private readonly connect: () => Client,
    private readonly channel: string,
    private readonly instance: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.client && !this.connecting) this.connecting = this.start();
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Resolves once LISTEN is in place (tests use it to avoid missing a notification). */
  async ready(): Promise<void> {
    await this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => {});
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async start(): Promise<void> {
    const client = this.connect();
    client.on('notification', (message) => {
      if (message.channel !== this.channel || message.payload === this.instance) return;
      for (const listener of this.listeners) listener();
    });
    client.on('error', (error) => {
      this.onError(error);
      if (this.client === client) this.client = null;
      if (!this.closed) setTimeout(() => this.restart(), 1_000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel.replaceAll('"', '""')}"`);
      if (this.closed) await client.end();
      else this.client = client;
    } catch (error) {
      this.onError(error);
      await client.end().catch(() => {});
      if (!this.closed) setTimeout(() => this.restart(), 1_000).unref();
    } finally {
      this.connecting = null;
    }
  }

  private restart(): void {
    if (this.closed || this.client || this.connecting || this.listeners.size === 0) return;
    this.connecting = this.start();
    // Work may have been committed while no one listened.
    for (const listener of this.listeners) listener();
  }
}
