// `Mutable(value)`: a generator whose `.value` can be set, by the defining cell or by functions it
// exports; every reader recomputes on each assignment. The runtime owns it (it also runs
// `mutable x = …` cells on it); cells get it from here.
export { Mutable, Mutator, type MutableValue } from "../runtime/generators";
