using Science.QgModel;

namespace Science.Interactive;

/// <summary>The HTML view of <see cref="QgParameters"/>: one row per parameter with its value, unit and meaning.</summary>
internal static class QgParametersHtml
{
    /// <summary>Writes the table.</summary>
    public static void Write(QgParameters parameters, TextWriter writer) => writer.Write(Table(parameters, "QG parameters"));

    /// <summary>The table with a caption.</summary>
    public static string Table(QgParameters parameters, string caption)
    {
        var meaning = QgParameters.Names.ToDictionary(n => n.Name, n => n.Meaning);
        var table = new HtmlTable(caption, "name", "value", "unit", "meaning");
        foreach (var (name, value) in parameters.ToNamedValues())
            table.Row(name, HtmlTable.Number(value), ParameterUnits.Of(name), meaning.GetValueOrDefault(name, ""));
        return table.ToString();
    }
}
