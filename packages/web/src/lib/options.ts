/** A Select's or Radio.Group's options: each value, in order, named by its label in `labels`. */
export const optionsOf = <V extends string>(
  values: readonly V[],
  labels: Readonly<Record<V, string>>,
): { value: V; label: string }[] => values.map((value) => ({ value, label: labels[value] }));
