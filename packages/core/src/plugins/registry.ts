/**
 * Plugin registry (after lm-evaluation-harness): names and aliases map to plugins, a duplicate name
 * is an error that names both origins, unknown names list what is available.
 */
export interface Registered<P> {
  plugin: P;
  origin: string;
}

export class Registry<P extends { meta: { name: string; aliases?: string[] } }> {
  private readonly byName = new Map<string, Registered<P>>();
  private readonly aliases = new Map<string, string>();

  constructor(readonly kind: string) {}

  register(plugin: P, origin: string): this {
    const names = [plugin.meta.name, ...(plugin.meta.aliases ?? [])];
    for (const n of names) {
      const taken = this.lookup(n);
      if (taken) {
        throw new Error(`${this.kind} "${n}" from ${origin} collides with "${taken.plugin.meta.name}" registered from ${taken.origin}`);
      }
    }
    this.byName.set(plugin.meta.name, { plugin, origin });
    for (const a of plugin.meta.aliases ?? []) this.aliases.set(a, plugin.meta.name);
    return this;
  }

  private lookup(name: string): Registered<P> | undefined {
    return this.byName.get(name) ?? this.byName.get(this.aliases.get(name) ?? '');
  }

  has(name: string): boolean {
    return !!this.lookup(name);
  }

  get(name: string): P {
    return this.entry(name).plugin;
  }

  entry(name: string): Registered<P> {
    const found = this.lookup(name);
    if (!found) throw new Error(`unknown ${this.kind} "${name}"; available: ${this.names().join(', ') || '(none)'}`);
    return found;
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  list(): Registered<P>[] {
    return this.names().map((n) => this.byName.get(n)!);
  }
}
