using Curtailment.Core.Regions;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.Serving;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Curtailment.Host.Errors;

/// <summary>
/// The one place exceptions become responses: typed exceptions map to 400, 404 and 503 problem+json; anything
/// else is a 500 without internals. The problem details service adds the <c>traceId</c>.
/// </summary>
public sealed class CurtailmentExceptionHandler(IProblemDetailsService problems, ILogger<CurtailmentExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ProblemDetails problem = exception switch
        {
            RequestValidationException e => new HttpValidationProblemDetails(e.Errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more request parameters are invalid.",
            },
            BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = "Bad request.", Detail = e.Message },
            UnknownRegionException e => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Unknown region.", Detail = e.Message },
            NotFoundException e => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = e.Message },
            ConflictException e => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict.", Detail = e.Message },
            InsufficientHistoryException e => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Not enough history.", Detail = e.Message },
            ForecastUnavailableException e => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Not available yet.", Detail = e.Message },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." },
        };

        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            logger.LogInformation("{Method} {Path} answered {Status}: {Message}", httpContext.Request.Method, httpContext.Request.Path, problem.Status, exception.Message);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
