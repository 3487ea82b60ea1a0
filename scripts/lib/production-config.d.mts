import type { Unstable_Config } from "wrangler";

export interface ProductionConfig {
  production: Unstable_Config;
  development: Unstable_Config;
}
export const PRODUCTION_ENV: string;
export const UPLOAD_BUDGET_KIB: number;
export function readProductionConfig(configPath?: string): ProductionConfig;
export function productionProblems(config: ProductionConfig): string[];
export function fillPlaceholdersForCi(toml: string): string;
export function withCiConfig<T>(use: (configPath: string) => T | Promise<T>, configPath?: string): Promise<T>;
