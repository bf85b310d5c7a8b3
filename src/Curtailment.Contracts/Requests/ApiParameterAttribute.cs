namespace Curtailment.Contracts.Requests;

/// <summary>
/// How a query parameter appears in the OpenAPI document: the parameters are bound as text (so that every bad value
/// gets its own message), and this says what the text holds.
/// </summary>
/// <param name="type">JSON schema type of the value: <c>string</c>, <c>number</c> or <c>integer</c>.</param>
/// <param name="example">An example value, as written in a query string.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ApiParameterAttribute(string type, string example) : Attribute
{
    /// <summary>JSON schema type of the value.</summary>
    public string Type { get; } = type;

    /// <summary>An example value, as written in a query string.</summary>
    public string Example { get; } = example;

    /// <summary>JSON schema format (<c>date-time</c>, <c>duration</c>), or null.</summary>
    public string? Format { get; init; }

    /// <summary>Whether the request is refused without it.</summary>
    public bool Required { get; init; }
}
