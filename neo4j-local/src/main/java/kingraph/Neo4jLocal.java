package kingraph;
public final class Neo4jLocal { public static void main(String[] a) {} }
