/** The fp-ts Either helpers the SDK uses, without loading fp-ts at run time. */
import type { Either, Left, Right } from 'fp-ts/Either'

/*
 * fp-ts `Either` constructors and guards, as fp-ts itself defines them (`{ _tag: 'Left', left }`).
 * Kept here so the built package has no runtime import of fp-ts, whose missing `exports` map
 * breaks `fp-ts/<Module>` imports in Node ESM and Deno; the values are fp-ts Eithers all the same.
 */

export type { Either }

/** fp-ts `E.left`. */
export const left = <E, A = never>(e: E): Either<E, A> => ({ _tag: 'Left', left: e })
/** fp-ts `E.right`. */
export const right = <A, E = never>(a: A): Either<E, A> => ({ _tag: 'Right', right: a })
/** fp-ts `E.isLeft`. */
export const isLeft = <E, A>(ma: Either<E, A>): ma is Left<E> => ma._tag === 'Left'
/** fp-ts `E.isRight`. */
export const isRight = <E, A>(ma: Either<E, A>): ma is Right<A> => ma._tag === 'Right'
