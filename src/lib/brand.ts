// The one branded-type helper (STYLE §8): ids and units that are easy to mix up get a compile-time
// brand, free at run time. Every module that brands a type imports this one.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };
