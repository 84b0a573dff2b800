// The name in the menu at the top right: the store admin's e-mail (store info `email`) of the
// company's first store that has one; the company's name for stores linked before it was kept.
import t from 'tap';
import { companyId, type Company, type Integration } from '../../src/company/model.js';
import { merchantName } from '../../src/web/merchant-name.js';

const company: Company = { id: companyId(1), name: 'Tienda Uno', createdAt: new Date() };
const store = (adminEmail: string | null) => ({ adminEmail } as Integration);
const repo = (integrations: Integration[], c: Company | null = company) => ({
  listIntegrations: async () => integrations, findCompany: async () => c ?? undefined,
});

t.test('menu name', async (t) => {
  t.equal(await merchantName(repo([store('duena@uno.cl'), store('otro@dos.cl')]), company.id), 'duena@uno.cl');
  t.equal(await merchantName(repo([store(null), store('otro@dos.cl')]), company.id), 'otro@dos.cl', 'the first store that has one');
  t.equal(await merchantName(repo([store(null)]), company.id), 'Tienda Uno', 'linked before the e-mail was kept: the company name');
  t.equal(await merchantName(repo([], null), company.id), undefined);
});
