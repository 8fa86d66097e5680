import type { VoiceProvider } from "./port";
import { createSimulator } from "./simulator";
import { createVapi, type VapiOptions } from "./vapi";

export type VoiceProviderName = VoiceProvider["name"];

/** Plain values the caller reads from the environment; nothing in lib/providers reads process.env. */
export type VoiceProviderOptions = {
  simulator: { delayMs: number; secret: string };
  vapi?: VapiOptions;
};

const providers = new Map<string, VoiceProvider>();

function createProvider(name: VoiceProviderName, options: VoiceProviderOptions): VoiceProvider {
  switch (name) {
    case "simulator":
      return createSimulator(options.simulator);
    case "vapi":
      return createVapi(options.vapi);
    default:
      throw new Error(`Unknown voice provider "${String(name satisfies never)}"`);
  }
}

/**
 * The provider for an agent. Instances are kept per name and options because the simulator's idempotency
 * bookkeeping and pending reports must outlive the request that started a call.
 */
export function voiceProviderFor(name: VoiceProviderName, options: VoiceProviderOptions): VoiceProvider {
  const key = JSON.stringify([name, name === "simulator" ? options.simulator : (options.vapi ?? {})]);
  let provider = providers.get(key);
  if (!provider) {
    provider = createProvider(name, options);
    providers.set(key, provider);
  }
  return provider;
}
