/**
 * The @vant/weapp components the weapp wrappers in src/components/vant render, listed in
 * src/components/vant/components.json: config/index.ts copies them (and what they use) into
 * dist/vant-weapp/, src/app.config.ts declares them in usingComponents (weapp only).
 */
import names from '../components/vant/components.json';

export const VANT_COMPONENTS: readonly string[] = names;

export function vantUsingComponents(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of VANT_COMPONENTS) out[`van-${name}`] = `/vant-weapp/${name}/index`;
  return out;
}
