/** /enterprises: investing enterprises 项目业主. */
import {
  createEnterpriseBody,
  enterprisePage,
  enterpriseSchema,
  listEnterprisesQuery,
  updateEnterpriseBody,
} from '@kpc/contracts';
import { referenceRoutes } from '../../lib/reference-routes.js';
import { createEnterprise, deleteEnterprise, getEnterprise, listEnterprises, updateEnterprise } from './enterprises.service.js';

export default referenceRoutes({
  path: 'enterprises',
  noun: ['项目业主', 'an enterprise', 'enterprises'],
  schemas: {
    query: listEnterprisesQuery,
    page: enterprisePage,
    item: enterpriseSchema,
    create: createEnterpriseBody,
    update: updateEnterpriseBody,
  },
  list: listEnterprises,
  get: getEnterprise,
  create: createEnterprise,
  update: updateEnterprise,
  remove: deleteEnterprise,
});
