def descend(grad, x0, alpha, tol=1e-4, max_iters=1000):
    """Gradient descent on one number: step against the slope until |slope| < tol."""
    history = [x0]
    x = x0
    for _ in range(max_iters):
        slope = grad(x)
        if abs(slope) < tol:
            break
        x = x - alpha * slope
        history.append(x)
    return history
