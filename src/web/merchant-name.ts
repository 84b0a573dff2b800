// Who the menu at the top right names (SPEC §2.3 "el menú en el cual está su nombre"): Jumpseller's
// store info has no owner name, only the store admin's `email`, kept at authorization. The first
// linked store's admin is the company's owner; a company whose stores were linked before the e-mail
// was kept shows its name until the next re-open refreshes it.
import type { CompanyRepository } from '../company/company-repository.js';
import type { CompanyId } from '../company/model.js';

export async function merchantName(companies: Pick<CompanyRepository, 'findCompany' | 'listIntegrations'>, company: CompanyId): Promise<string | undefined> {
  const integrations = await companies.listIntegrations(company);
  const email = integrations.find((i) => i.adminEmail)?.adminEmail;
  if (email) return email;
  return (await companies.findCompany(company))?.name;
}
