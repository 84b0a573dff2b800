// The error line of the sync list (issue 9 §4): a Spanish explanation by kind/status first, then
// Jumpseller's own words ("— Jumpseller: …").
import t from 'tap';
import {
  AmbiguousCreateError, JumpsellerApiError, NetworkError, NotFoundError, RateLimitedError, ValidationError,
} from '../../src/jumpseller/errors.js';
import { describeFailure } from '../../src/publishing/run/store-writes.js';

t.test('a Spanish explanation first, the raw text after it', async (t) => {
  const cases: [string, unknown, string][] = [
    ['500', new JumpsellerApiError(500, 'message: Internal Server Error', null, 'PUT', '/products/1.json'),
      'Jumpseller tuvo un error interno; se reintentará en la próxima sincronización — Jumpseller: message: Internal Server Error'],
    ['503', new JumpsellerApiError(503, 'Service Unavailable', null, 'PUT', '/products/1.json'),
      'Jumpseller tuvo un error interno; se reintentará en la próxima sincronización — Jumpseller: Service Unavailable'],
    ['422', new ValidationError('/products.json', { price: ['must be greater than 0'] }),
      'Jumpseller rechazó los datos del producto (error de validación): corrige en Centry el campo indicado — Jumpseller: price: must be greater than 0'],
    ['404', new NotFoundError('/products/9.json', 'Product not found'),
      'Jumpseller no encontró el producto en la tienda (404): puede haberse borrado allí; se reintentará en la próxima sincronización — Jumpseller: /products/9.json: Product not found'],
    ['429', new RateLimitedError(6), 'Jumpseller limitó las solicitudes (429) y no se pudo completar; se reintentará en la próxima sincronización'],
    ['timeout', new NetworkError('UND_ERR_HEADERS_TIMEOUT', 'Headers Timeout Error'),
      'Jumpseller no respondió a tiempo; se reintentará en la próxima sincronización — Jumpseller: UND_ERR_HEADERS_TIMEOUT'],
    ['network', new NetworkError('ECONNRESET', 'socket hang up'),
      'No se pudo conectar con Jumpseller (falla de red); se reintentará en la próxima sincronización — Jumpseller: ECONNRESET'],
    ['403', new JumpsellerApiError(403, 'Forbidden', null, 'PUT', '/products/1.json'),
      'Jumpseller no permitió la operación (403): revisa que la aplicación siga autorizada en la tienda — Jumpseller: Forbidden'],
    ['400', new JumpsellerApiError(400, 'Bad Request', null, 'PUT', '/products/1.json'), 'Jumpseller no aceptó la solicitud (400) — Jumpseller: Bad Request'],
    ['ambiguous create', new AmbiguousCreateError('/products.json', 'no complete answer (UND_ERR_SOCKET)'),
      'Jumpseller no confirmó la creación; la próxima sincronización buscará lo creado antes de crearlo otra vez — Jumpseller: no complete answer (UND_ERR_SOCKET)'],
  ];
  for (const [name, err, want] of cases) t.equal(describeFailure(err), want, name);
});
