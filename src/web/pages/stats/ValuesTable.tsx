// The chart's values as a table (period × geo), each flag beside its value and explained below.
import { flagLabel, formatValue, type StatsTable } from "./stats-table.js";

export function ValuesTable({ table, caption, geoLabel }: { table: StatsTable; caption: string; geoLabel(code: string): string }) {
  const flags = [...new Set(table.cells.flat().flatMap((c) => (c?.flag ? [...c.flag] : [])))].sort();
  return (
    <>
      <div className="table-scroll table-scroll-tall">
        <table className="table table-compact stats-values">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              {table.geos.map((geo) => (
                <th key={geo} scope="col" className="numeric">
                  {geoLabel(geo)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.periods.map((period, i) => (
              <tr key={period}>
                <th scope="row">{period}</th>
                {table.cells[i]!.map((cell, g) => (
                  <td key={table.geos[g]} className="numeric">
                    {cell ? (
                      <>
                        {formatValue(cell.value)}
                        {cell.flag ? (
                          <abbr className="stats-flag" title={flagLabel(cell.flag)}>
                            {" "}
                            {cell.flag}
                          </abbr>
                        ) : null}
                      </>
                    ) : (
                      <span className="muted" title="No value">
                        <span aria-hidden="true">:</span>
                        <span className="visually-hidden">no value</span>
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted stats-note">
        {flags.length > 0 ? <>Flags: {flags.map((f) => `${f} ${flagLabel(f)}`).join("; ")}. </> : null}
        “:” no value published (not zero).
      </p>
    </>
  );
}
