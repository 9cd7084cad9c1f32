/** Header of a stacking table: the row-title column, then right-aligned measure columns. */
export function StackHead({ first, nums }: { first: string; nums: readonly string[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {nums.map((label) => (
          <th key={label} scope="col" className="num">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
