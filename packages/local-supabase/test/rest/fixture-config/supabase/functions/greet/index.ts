export default function greet(req: Request): Response {
  return Response.json({ hello: new URL(req.url).searchParams.get('name') ?? 'world' });
}
