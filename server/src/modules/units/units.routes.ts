/** /units: responsible units 责任单位. */
import { createUnitBody, listReferenceQuery, unitPage, unitSchema, updateUnitBody } from '@kpc/contracts';
import { referenceRoutes } from '../../lib/reference-routes.js';
import { createUnit, deleteUnit, getUnit, listUnits, updateUnit } from './units.service.js';

export default referenceRoutes({
  path: 'units',
  noun: ['责任单位', 'a unit', 'units'],
  schemas: { query: listReferenceQuery, page: unitPage, item: unitSchema, create: createUnitBody, update: updateUnitBody },
  list: listUnits,
  get: getUnit,
  create: createUnit,
  update: updateUnit,
  remove: deleteUnit,
});
