package dstream.wordcount.pipelines;

import dstream.wordcount.cli.UsageException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.ExpressionWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.PlanWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.PlanExpression;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The part of {@code sql --query}'s check that walks a plan, parsed or analyzed, for what would
 * read data other than the views or run code ({@link SqlPipeline#analyze} says why). Every node
 * is visited: a plan's children, its expressions, the plans inside subquery expressions and the
 * definitions of a {@code WITH} (which are no children).
 */
final class QueryCheck {
  /** Functions that call any static Java method by name: {@code java_method('java.lang.System','exit',3)}. */
  private static final Set<String> REFLECTION = Set.of("reflect", "java_method", "try_reflect");

  private QueryCheck() {}

  /** Refuses {@code plan} in one line if it reads anything but the views or calls reflection. */
  static void refuseUnsafe(TreeNode<?> plan) throws UsageException {
    new QueryCheck().visit(plan);
  }

  private void visit(TreeNode<?> node) throws UsageException {
    if (node instanceof UnresolvedRelation r && r.multipartIdentifier().size() > 1) {
      // A one-part name is a view, a WITH name, or unknown (the analyzer says so, as the session
      // has no other table); more parts name a file format (parquet.`/etc`) or a catalog's table.
      throw new UsageException("--query reads " + r.tableName() + ": only the views lines and"
          + " words can be read");
    } else if (node instanceof UnresolvedTableValuedFunction f) {
      throw new UsageException("--query calls the table function " + String.join(".",
          CollectionConverters.asJava(f.name())) + ": only the views lines and words can be read");
    } else if (node instanceof UnresolvedFunction f) {
      List<String> parts = CollectionConverters.asJava(f.nameParts());
      refuseReflection(parts.get(parts.size() - 1));
    } else if (node instanceof CallMethodViaReflection r) {
      refuseReflection(r.prettyName());
    } else if (node instanceof PlanWithUnresolvedIdentifier
        || node instanceof ExpressionWithUnresolvedIdentifier) {
      throw new UsageException("--query uses IDENTIFIER(...): write the name itself, so that the"
          + " query can be checked before it runs");
    }
    for (Object child : CollectionConverters.asJava(node.children())) {
      visit((TreeNode<?>) child);
    }
    for (Object inner : CollectionConverters.asJava(node.innerChildren())) {
      visit((TreeNode<?>) inner);
    }
    if (node instanceof QueryPlan<?> plan) {
      for (Object e : CollectionConverters.asJava(plan.expressions())) {
        visit((TreeNode<?>) e);
      }
    }
    if (node instanceof PlanExpression<?> subquery) {
      visit((TreeNode<?>) subquery.plan());
    }
  }

  private static void refuseReflection(String function) throws UsageException {
    if (REFLECTION.contains(lower(function))) {
      throw new UsageException("--query calls " + lower(function) + ": reflect, java_method and"
          + " try_reflect call any Java method, so they are refused");
    }
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
