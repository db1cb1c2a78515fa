import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { editableProjects, portfolioWhere, projectFilters, visibleProjects } from './project-scope.js';

const dialect = new PgDialect();
const render = (q: SQL) => dialect.sqlToQuery(q);

const actor = { regionCode: '411104', roles: ['unit' as const], unitId: 7, enterpriseId: null, leaderId: null };
const office = { ...actor, roles: ['office' as const] };

describe('project scope', () => {
  it('escapes LIKE wildcards in the actor’s region and in a region filter', () => {
    const q = render(projectFilters({ ...office, regionCode: '41_1%' }, { regionCode: '4111_4' }));
    expect(q.sql.match(/like/g)).toHaveLength(2);
    expect(q.params).toContain('41\\_1\\%%');
    expect(q.params).toContain('4111\\_4%');
    expect(q.params).not.toContain('41_1%%');
  });

  it('escapes wildcards in the text search of name and code', () => {
    const q = render(projectFilters(actor, { q: '50%_' }));
    expect(q.params.filter((p) => p === '%50\\%\\_%')).toHaveLength(2);
  });

  it('sees the region subtree, and filters the portfolio to one project', () => {
    expect(render(visibleProjects(office)).params).toEqual(['411104%']);
    const q = render(portfolioWhere(office, { projectId: 42 }));
    expect(q.params).toEqual(['411104%', 42]);
  });

  it('limits a unit, an enterprise and a leader to their own projects within the region (ADR 0009)', () => {
    expect(render(visibleProjects(actor)).params).toEqual(['411104%', 7, 7]);
    const ent = render(visibleProjects({ ...actor, roles: ['enterprise'], enterpriseId: 3 }));
    expect(ent.sql).toContain('"enterprise_id"');
    expect(ent.params).toEqual(['411104%', 3]);
    const leader = render(visibleProjects({ ...actor, roles: ['leader'], leaderId: 5 }));
    expect(leader.sql).toContain('"leader_id"');
    expect(leader.params).toEqual(['411104%', 5]);
    expect(render(visibleProjects({ ...actor, roles: ['leader'] })).sql).toBe('false');
    for (const role of ['supervisor', 'viewer', 'admin'] as const)
      expect(render(visibleProjects({ ...actor, roles: [role] })).params).toEqual(['411104%']);
  });

  it('lets office edit the whole subtree, a unit only its projects, an enterprise its own, others none', () => {
    expect(render(editableProjects({ ...actor, roles: ['office'] })).params).toEqual(['411104%']);
    const unit = render(editableProjects(actor));
    expect(unit.sql).toContain('"lead_unit_id"');
    expect(unit.params).toEqual(['411104%', 7, 7]);
    const ent = render(editableProjects({ ...actor, roles: ['enterprise'], enterpriseId: 3 }));
    expect(ent.sql).toContain('"enterprise_id"');
    expect(ent.params).toEqual(['411104%', 3]);
    expect(render(editableProjects({ ...actor, roles: ['viewer'] })).sql).toBe('false');
  });
});
