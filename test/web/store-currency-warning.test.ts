// A store whose currency is not the catalog's (CLP): Mi Empresa's account row and the Editar page
// say so, in the words of the failed run (ADR 0009); a CLP store shows nothing.
import t from 'tap';
import { install, openTestApp } from '../helpers/app.js';

const WARNING = 'La moneda de la tienda (USD) no coincide con la del catálogo (CLP), así que esta tienda no se sincroniza';

t.test('a USD store is flagged on Mi Empresa and on Editar; a CLP store is not', async (t) => {
  const { app, database } = await openTestApp(t, {
    stores: [{ code: 'outlet-usd', name: 'Outlet USD', currency: 'USD' }, { code: 'tienda-uno', name: 'Tienda Uno' }],
  });
  const usd = await install(app, 'outlet-usd');
  const usdId = (await database.db('integrations').where({ store_code: 'outlet-usd' }).first()).id;
  const company = await app.inject({ url: '/empresa', cookies: usd.jar.header() });
  t.equal(company.statusCode, 200);
  t.match(company.body, WARNING, 'Mi Empresa: on the account row');
  t.match(company.body, /data-integration="\d+"[\s\S]*currency-warning[\s\S]*<\/li>/, 'inside the row');
  const edit = await app.inject({ url: `/integraciones/${usdId}/editar`, cookies: usd.jar.header() });
  t.equal(edit.statusCode, 200);
  t.match(edit.body, WARNING, 'Editar: at the top');
  t.match(edit.body, 'Cambia la moneda de la tienda en Jumpseller a CLP para sincronizarla.', 'and what to do about it');
  t.notMatch(edit.body, 'se enviarán sin convertir', 'never "will be sent unconverted" next to "stopped": the two contradict each other');

  const clp = await install(app, 'tienda-uno');
  const clpId = (await database.db('integrations').where({ store_code: 'tienda-uno' }).first()).id;
  t.notMatch((await app.inject({ url: '/empresa', cookies: clp.jar.header() })).body, 'no coincide con la del catálogo');
  t.notMatch((await app.inject({ url: `/integraciones/${clpId}/editar`, cookies: clp.jar.header() })).body, 'no coincide con la del catálogo');
});
