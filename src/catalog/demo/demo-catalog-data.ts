// The vocabulary of the demo catalog: a Chilean store's brands, category tree and product kinds.

export const DEMO_GENDERS = ['Hombre', 'Mujer', 'Unisex', 'Niños'] as const;
export type DemoGender = (typeof DEMO_GENDERS)[number];

export const DEMO_BRANDS = [
  'Andes Trail', 'Lana Austral', 'Cordillera Norte', 'Pehuén', 'Atacama Gear', 'Chiloé Tejidos',
  'Valpo Urbano', 'Maule Home', 'Copihue', 'Puerto Natales Co.', 'Huerto Verde', 'Cobre Diseño',
  'Rapa Nui Surf', 'Quillay', 'Altiplano', 'Mapocho Street', 'Llaima', 'Calafate', 'Fuego Austral', 'Elqui Living',
] as const;

export type Sizing = 'ropa' | 'calzado' | 'infantil' | 'color' | 'simple';

export const SIZES: Record<Exclude<Sizing, 'color' | 'simple'>, readonly string[]> = {
  ropa: ['XS', 'S', 'M', 'L', 'XL', 'XXL'],
  calzado: ['36', '37', '38', '39', '40', '41', '42', '43', '44'],
  infantil: ['4', '6', '8', '10', '12', '14'],
};

export const COLORS = [
  'Negro', 'Blanco', 'Azul', 'Azul Marino', 'Gris', 'Rojo', 'Verde Oliva', 'Beige', 'Burdeo', 'Mostaza', 'Celeste', 'Café',
] as const;

/** A leaf category: what is sold there, how it varies, and what it usually costs (CLP). */
export interface DemoLeaf {
  path: readonly string[];
  code: string;
  nouns: readonly string[];
  details: readonly string[];
  sizing: Sizing;
  gender: DemoGender | null;
  prices: readonly number[];
  /** Package: height, length, width (cm), weight (kg). */
  pkg: readonly [number, number, number, number];
}

export const DEMO_LEAVES: readonly DemoLeaf[] = [
  { path: ['Vestuario', 'Hombre', 'Poleras'], code: 'POL', nouns: ['Polera', 'Polera Manga Larga', 'Polera Piqué'], details: ['Algodón Orgánico', 'Básica', 'Estampada Cordillera', 'Rayada', 'Cuello Redondo', 'Dry Fit'], sizing: 'ropa', gender: 'Hombre', prices: [7990, 9990, 12990, 14990, 17990], pkg: [3, 30, 25, 0.25] },
  { path: ['Vestuario', 'Hombre', 'Camisas'], code: 'CAM', nouns: ['Camisa', 'Camisa Oxford', 'Camisa Lino'], details: ['Manga Corta', 'Manga Larga', 'Slim Fit', 'Cuadros', 'Denim'], sizing: 'ropa', gender: 'Hombre', prices: [19990, 24990, 29990, 34990], pkg: [4, 35, 28, 0.35] },
  { path: ['Vestuario', 'Hombre', 'Pantalones'], code: 'PAN', nouns: ['Jeans', 'Pantalón Chino', 'Pantalón Cargo'], details: ['Regular Fit', 'Slim', 'Elasticado', 'Gabardina', 'Outdoor'], sizing: 'ropa', gender: 'Hombre', prices: [24990, 29990, 34990, 39990], pkg: [5, 40, 30, 0.6] },
  { path: ['Vestuario', 'Hombre', 'Chaquetas'], code: 'CHH', nouns: ['Parka', 'Chaqueta Softshell', 'Cortaviento'], details: ['Impermeable', 'Térmica', 'Con Capucha', 'Liviana', 'Plumón'], sizing: 'ropa', gender: 'Hombre', prices: [39990, 49990, 59990, 79990, 99990], pkg: [10, 45, 35, 0.9] },
  { path: ['Vestuario', 'Mujer', 'Poleras'], code: 'POM', nouns: ['Polera', 'Polera Crop', 'Top'], details: ['Algodón Pima', 'Básica', 'Estampada Copihue', 'Acanalada', 'Oversize'], sizing: 'ropa', gender: 'Mujer', prices: [7990, 9990, 12990, 14990], pkg: [3, 30, 25, 0.2] },
  { path: ['Vestuario', 'Mujer', 'Vestidos'], code: 'VES', nouns: ['Vestido', 'Vestido Midi', 'Vestido Largo'], details: ['Floral', 'Lino', 'Tejido', 'Cruzado', 'De Verano'], sizing: 'ropa', gender: 'Mujer', prices: [24990, 29990, 34990, 44990], pkg: [4, 40, 30, 0.4] },
  { path: ['Vestuario', 'Mujer', 'Blusas'], code: 'BLU', nouns: ['Blusa', 'Camisa', 'Blusa Campesina'], details: ['Seda', 'Viscosa', 'Bordada', 'Manga Globo', 'Lisa'], sizing: 'ropa', gender: 'Mujer', prices: [14990, 19990, 24990], pkg: [3, 32, 26, 0.25] },
  { path: ['Vestuario', 'Mujer', 'Chaquetas'], code: 'CHM', nouns: ['Parka', 'Chaqueta de Mezclilla', 'Trench'], details: ['Impermeable', 'Acolchada', 'Con Capucha', 'Entallada', 'Reversible'], sizing: 'ropa', gender: 'Mujer', prices: [39990, 49990, 59990, 89990], pkg: [10, 45, 35, 0.8] },
  { path: ['Vestuario', 'Niños', 'Poleras'], code: 'PON', nouns: ['Polera Infantil', 'Polera'], details: ['Dinosaurios', 'Algodón', 'Estampada', 'Rayas'], sizing: 'infantil', gender: 'Niños', prices: [5990, 6990, 7990, 9990], pkg: [2, 25, 20, 0.15] },
  { path: ['Vestuario', 'Niños', 'Buzos'], code: 'BUZ', nouns: ['Buzo', 'Polerón', 'Jogger'], details: ['Felpa', 'Franela', 'Escolar', 'Con Capucha'], sizing: 'infantil', gender: 'Niños', prices: [12990, 14990, 19990], pkg: [5, 30, 25, 0.4] },
  { path: ['Calzado', 'Zapatillas'], code: 'ZAP', nouns: ['Zapatillas Urbanas', 'Zapatillas Running', 'Zapatillas Trekking'], details: ['Livianas', 'Cuero', 'Lona', 'Impermeables', 'Suela Vibram'], sizing: 'calzado', gender: 'Unisex', prices: [29990, 39990, 49990, 59990, 79990], pkg: [12, 33, 22, 1.1] },
  { path: ['Calzado', 'Botines'], code: 'BOT', nouns: ['Botín', 'Bototo', 'Bota de Lluvia'], details: ['Cuero Engrasado', 'Gamuza', 'Forrado', 'Chelsea'], sizing: 'calzado', gender: 'Unisex', prices: [39990, 49990, 69990, 89990], pkg: [14, 35, 25, 1.4] },
  { path: ['Calzado', 'Sandalias'], code: 'SAN', nouns: ['Sandalia', 'Hawaiana', 'Alpargata'], details: ['Cuero', 'Yute', 'Plataforma', 'Playa'], sizing: 'calzado', gender: 'Mujer', prices: [9990, 14990, 19990, 24990], pkg: [8, 30, 20, 0.5] },
  { path: ['Accesorios', 'Mochilas'], code: 'MOC', nouns: ['Mochila', 'Mochila Urbana', 'Bolso'], details: ['20 L', '30 L', 'Antirrobo', 'Impermeable', 'Notebook 15"'], sizing: 'color', gender: 'Unisex', prices: [19990, 24990, 34990, 44990], pkg: [15, 45, 30, 0.9] },
  { path: ['Accesorios', 'Gorros'], code: 'GOR', nouns: ['Gorro', 'Jockey', 'Sombrero'], details: ['Lana de Oveja', 'Chilote', 'Bordado', 'Ajustable'], sizing: 'color', gender: 'Unisex', prices: [6990, 8990, 9990, 12990], pkg: [8, 20, 20, 0.1] },
  { path: ['Accesorios', 'Bufandas'], code: 'BUF', nouns: ['Bufanda', 'Cuello', 'Poncho'], details: ['Alpaca', 'Lana Merino', 'Tejido a Mano', 'Polar'], sizing: 'color', gender: 'Unisex', prices: [9990, 14990, 19990, 29990], pkg: [5, 25, 20, 0.2] },
  { path: ['Hogar', 'Cocina'], code: 'COC', nouns: ['Sartén', 'Set de Ollas', 'Tabla de Picar', 'Hervidor'], details: ['Antiadherente', 'Acero Inoxidable', 'Raulí', 'Cerámica', '5 Piezas'], sizing: 'simple', gender: null, prices: [9990, 14990, 24990, 39990, 59990], pkg: [12, 40, 30, 2.5] },
  { path: ['Hogar', 'Ropa de Cama'], code: 'RCA', nouns: ['Plumón', 'Juego de Sábanas', 'Cubrecama'], details: ['1,5 Plazas', '2 Plazas', 'King', '144 Hilos', 'Algodón Egipcio'], sizing: 'color', gender: null, prices: [19990, 29990, 39990, 59990], pkg: [20, 50, 40, 2.0] },
  { path: ['Hogar', 'Decoración'], code: 'DEC', nouns: ['Cojín', 'Manta', 'Florero', 'Canasto'], details: ['Mapuche', 'Lana', 'Greda de Pomaire', 'Mimbre', 'Boho'], sizing: 'simple', gender: null, prices: [7990, 12990, 16990, 24990], pkg: [15, 40, 40, 0.8] },
  { path: ['Deportes', 'Camping'], code: 'CMP', nouns: ['Carpa', 'Saco de Dormir', 'Linterna Frontal', 'Termo'], details: ['2 Personas', '4 Personas', '-5 °C', 'Recargable', '1 L'], sizing: 'simple', gender: null, prices: [14990, 29990, 49990, 89990, 129990], pkg: [20, 60, 25, 2.2] },
  { path: ['Deportes', 'Ciclismo'], code: 'CIC', nouns: ['Casco', 'Luces LED', 'Candado', 'Guantes'], details: ['Ruta', 'MTB', 'USB', 'U-Lock', 'Gel'], sizing: 'simple', gender: 'Unisex', prices: [9990, 19990, 29990, 39990], pkg: [15, 30, 25, 0.6] },
];

export const CONDITIONS = ['new', 'new', 'new', 'new', 'new', 'new', 'new', 'new', 'new', 'refurbished'] as const;
export const WARRANTIES = ['3 meses', '6 meses', '1 año', '2 años'] as const;
