/** Reading one parameter of a call as Telegram does: numbers and objects may arrive as strings. */
import { badRequest } from "./errors.ts";
import type { Payload } from "./payload.ts";

/** A Bot API object as it travels in JSON. */
export type Json = Record<string, unknown>;

/** Form-encoded calls carry every number as text; Telegram reads both. */
export function integer(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) ? n : undefined;
}

export function requireString(payload: Payload, field: string): string {
  const value = payload[field];
  if (typeof value !== "string" || value === "") throw badRequest(`parameter "${field}" is required`);
  return value;
}

/** Objects may arrive JSON-encoded in a string (form-encoded requests); Telegram accepts both. */
export function jsonField(value: unknown, what: string): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(`can't parse ${what} JSON object`);
  }
}

export function coordinates(payload: Payload): { latitude: number; longitude: number } {
  const latitude = Number(payload.latitude);
  const longitude = Number(payload.longitude);
  if (payload.latitude === undefined || !Number.isFinite(latitude) || Math.abs(latitude) > 90) {
    throw badRequest("wrong latitude");
  }
  if (payload.longitude === undefined || !Number.isFinite(longitude) || Math.abs(longitude) > 180) {
    throw badRequest("wrong longitude");
  }
  return { latitude, longitude };
}
