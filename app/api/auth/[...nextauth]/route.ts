// GET|POST /api/auth/* – next-auth's sign-in, session and sign-out endpoints; credentials sign-in is throttled
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { withSignInThrottle } from "@/lib/auth/throttled-sign-in";

const handler = withSignInThrottle(NextAuth(authOptions) as (req: Request, ctx: unknown) => Promise<Response>);
export { handler as GET, handler as POST };
