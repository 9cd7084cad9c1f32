import type { DropSheet } from './dropFiles.ts';

/** The LMS accounts of the three employees of `lmsCourseDrops`, by mailbox. */
export const LMS_ACCOUNTS: DropSheet = {
  header: ['id', 'employee_id', 'mbox', 'account_homepage', 'account_name'],
  rows: [
    ['1', '1', 'mailto:budi@example.go.id', null, null],
    ['2', '2', 'mailto:sari@example.go.id', null, null],
    ['3', '3', 'mailto:rina@example.go.id', null, null],
  ],
};

/**
 * The smallest world xAPI statements load into: one agency (SETDA), three employees with LMS
 * accounts (budi, sari, rina: `LMS_ACCOUNTS`), one e-learning program of `jp` JP offered in May
 * 2023, and the LMS course `courseIri` mapped to that offering. Write it with `writeDrops`.
 */
export function lmsCourseDrops(
  courseIri: string,
  program: { readonly code: string; readonly jp: number },
): Record<string, DropSheet> {
  return {
    agencies: {
      header: ['id', 'code', 'name', 'kind', 'valid_from'],
      rows: [['1', 'SETDA', 'Setda', 'sekretariat', '2020-01-01']],
    },
    employees: {
      header: ['id', 'nip', 'ni_pppk', 'sex', 'birth_date', 'employment_type', 'appointed_on'],
      rows: [
        ['1', '198005122005031001', null, 'M', '1980-05-12', 'PNS', '2006-03-01'],
        ['2', '199001012015042002', null, 'F', '1990-01-01', 'PNS', '2015-04-01'],
        ['3', '198507202010012003', null, 'F', '1985-07-20', 'PNS', '2010-01-01'],
      ],
    },
    programs: {
      header: ['id', 'code', 'title', 'competency_area', 'method', 'jp'],
      rows: [['1', program.code, 'Literasi Digital', 'it', 'e_learning', String(program.jp)]],
    },
    offerings: {
      header: ['id', 'program_id', 'organizer_agency_id', 'starts_on', 'ends_on', 'capacity'],
      rows: [['1', '1', '1', '2023-05-01', '2023-05-31', '100']],
    },
    lms_accounts: LMS_ACCOUNTS,
    lms_activities: { header: ['id', 'activity_iri', 'offering_id'], rows: [['1', courseIri, '1']] },
  };
}
